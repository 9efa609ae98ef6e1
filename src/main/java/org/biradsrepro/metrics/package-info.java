/**
 * Classification metrics of a multi-class probabilistic classifier, defined as scikit-learn
 * 1.2.1 defines them: accuracy, precision, recall and F1 (per class, macro and weighted), the
 * confusion matrix, one-vs-rest ROC AUC and average precision, and the ROC and precision-recall
 * curves behind them ({@link org.biradsrepro.metrics.Curves}).
 *
 * <p>The package owns these definitions so that the rest of the reproduction never re-derives
 * a metric: {@link org.biradsrepro.metrics.Metrics#evaluate} turns labels and probability rows
 * into one {@link org.biradsrepro.metrics.ClassificationMetrics}. Agreement with scikit-learn is
 * checked against {@code fixtures/metrics/sklearn_reference.json} and {@code
 * curves_reference.json}, which scikit-learn itself wrote.
 *
 * <p>{@link org.biradsrepro.metrics.ChanceLevel} is not a scikit-learn metric: it says whether a set of predictions
 * shows any learning at all (more than one predicted class, and a macro ROC AUC beyond what shuffled labels give).
 *
 * <p>{@link org.biradsrepro.metrics.KerasMetrics} is not scikit-learn either: the values Keras 2's default {@code
 * CategoricalAccuracy}, {@code Precision}, {@code Recall}, {@code AUC} and {@code AUC(curve='PR')} give on one-hot
 * labels and softmax outputs (thresholded at 0.5 and pooled over every entry; areas over 200 fixed thresholds), read
 * from Keras' source: the paper's likely definitions, so that the report compares its Table 2 with like values.
 */
package org.biradsrepro.metrics;
