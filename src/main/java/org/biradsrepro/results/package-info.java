/**
 * The results file format: one JSON file per backbone x split ({@code <backbone>-split<k>.json}), whose records
 * here are the schema, and its reading and writing. Field names are a public contract: users script against them.
 * Every figure carries what produced it: configuration, seed, data fingerprint, versions and machine.
 */
package org.biradsrepro.results;
