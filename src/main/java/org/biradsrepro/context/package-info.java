/**
 * What a number depends on besides its inputs, as one typed record ({@link org.biradsrepro.context.RunContext}):
 * the settings echo, the versions with the code's identity, and the machine, whose CPU is read from
 * {@code /proc/cpuinfo} in one place ({@link org.biradsrepro.context.Cpu}). Results, the reuse of finished runs, the
 * feature cache and the pretraining record all take it from here, so they cannot disagree about which host is "the
 * same". Depends on the JDK alone, so that {@code results} may use it.
 */
package org.biradsrepro.context;
