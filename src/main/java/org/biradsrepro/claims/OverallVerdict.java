package org.biradsrepro.claims;

import java.util.List;

/**
 * A claim made of several backbone x metric claims: one backbone on all six metrics, or the paper's claim, all six
 * metrics on all six backbones. It holds only if every part holds (an intersection-union test: each part at 0.05
 * gives the whole a level of 0.05, with no multiplicity correction needed).
 *
 * @param scope what the claim covers, e.g. {@code resnet152, all six metrics}
 * @param backbones the backbones it covers
 * @param claims how many backbone x metric claims it combines
 * @param reproduced how many of them were judged reproduced
 * @param notReproduced how many were judged not reproduced
 * @param inconclusive how many were inconclusive
 * @param uninformative how many were uninformative (every run behind them learned nothing)
 * @param verdict the combined verdict by {@link Claims#RULE}
 * @param reason one sentence: why this verdict
 */
public record OverallVerdict(String scope, List<String> backbones, int claims, int reproduced, int notReproduced,
                             int inconclusive, int uninformative, Verdict verdict, String reason) {}
