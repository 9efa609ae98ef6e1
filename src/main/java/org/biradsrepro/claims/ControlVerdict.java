package org.biradsrepro.claims;

import java.util.List;

/**
 * A control of the pipeline judged by the paper's rule, kept apart from the paper's claims: a design whose true
 * effect is known, so that its verdict says whether the suite can see an effect that exists (positive control)
 * and refrains from inventing one (negative control). Declared before any of its results was seen; the build fails
 * when one fails.
 *
 * @param id the control's id, e.g. {@code noisy-end}
 * @param description what the control does to the training, in one sentence
 * @param mustReproduce whether its pooled primary-metric claim must be judged reproduced (positive control) or
 *     must not be (negative control)
 * @param pooledPrimary the pooled claim on the primary metric ({@link Claims#PRIMARY}), which decides
 * @param perBackbone each backbone's primary-metric claim, shown, not deciding
 * @param passed whether the decisive verdict is the one the control demands
 */
public record ControlVerdict(String id, String description, boolean mustReproduce, ClaimVerdict pooledPrimary,
                             List<ClaimVerdict> perBackbone, boolean passed) {

    /** One line: the control, what it demands and what it got. */
    public String summary() {
        return id + ": " + (passed ? "passed" : "FAILED") + " (must " + (mustReproduce ? "" : "not ")
                + "be judged reproduced on the pooled " + Claims.PRIMARY.label() + "; judged "
                + pooledPrimary.verdict().word() + ")";
    }
}
