/**
 * The simulator: a plain-Java library that trains fully connected networks on simulated analog
 * crossbar tiles (Ambrogio et al., Nature 558, 60-67, 2018). It imports {@code java.*} only, never
 * touches a global random generator and does no I/O except reading streams handed to {@code
 * sim.data}.
 */
package io.crossbarlab.sim;
