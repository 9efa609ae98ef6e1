/**
 * Caches on disk that a later run may trust: float arrays stored under a text key, checksummed and written
 * atomically ({@link org.biradsrepro.cache.CheckedEntries}, the one file format of the decode cache and the feature
 * cache), and the identity of the code that computed them ({@link org.biradsrepro.cache.CodeIdentity}). Depends on
 * nothing but the JDK, so that data and model code can both use it.
 */
package org.biradsrepro.cache;
