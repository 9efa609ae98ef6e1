package org.biradsrepro.claims;

import java.util.List;

/**
 * A combined claim: one backbone on all six metrics, or the paper's, all six metrics on all six backbones, with the
 * rule's error control across its parts ({@link Claims#RULE}).
 *
 * @param scope what the claim covers, e.g. {@code resnet152, all six metrics}
 * @param backbones the backbones it covers
 * @param claims how many backbone x metric claims it combines
 * @param reproduced parts judged reproduced
 * @param gainRuledOut parts whose reported gain was ruled out, each at its own 5% level
 * @param ruledOutAfterHolm parts whose gain is still ruled out after Holm's adjustment over the parts
 * @param undetectable parts judged undetectable
 * @param notExercised parts judged not exercised
 * @param uninformative parts judged uninformative
 * @param verdict the combined verdict
 * @param reason one sentence: why this verdict
 */
public record OverallVerdict(String scope, List<String> backbones, int claims, int reproduced, int gainRuledOut,
                             int ruledOutAfterHolm, int undetectable, int notExercised, int uninformative,
                             CombinedVerdict verdict, String reason) {}
