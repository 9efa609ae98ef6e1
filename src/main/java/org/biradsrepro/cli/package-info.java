/**
 * The command line: {@code run} (the whole reproduction without JUnit), {@code report} (the HTML page from a
 * results folder alone), {@code describe} (the backbones), {@code generate-fixtures} and {@code settings}.
 * Errors in user input end with a one-line message and exit code 2, never a bare stack trace.
 */
package org.biradsrepro.cli;
