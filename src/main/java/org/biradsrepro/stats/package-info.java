/**
 * Summaries over repeated splits: mean, sample standard deviation and range of a metric, and the paired
 * differences between the improved and the baseline variant. Plain functions over double arrays.
 */
package org.biradsrepro.stats;
