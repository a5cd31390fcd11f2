"""The build's tuning constants; shipped inside the model as ``params``."""

PARAMS = {
    "alpha": 3.0,  # pseudo-count weight of the character model vs observed counts
    "min_posterior": 0.15,  # an alternative of a non-syllable must be at least this likely
    "min_posterior_syllable": 0.4,  # ... of a real syllable: a wrong one costs more
    "min_observed": 2,  # observed confusions seen fewer times are noise
    "min_expected": 0.5,  # generated forms expected fewer times in the corpus are dropped
    "min_rule_count": 3,
    "min_rule_prob": 0.002,
    "max_rules_per_variant": 2,
    "min_bigram": 20,
    "max_alternatives": 3,
    # Context (ocrmodel/context.py): confusions settled by the neighbours.
    "min_confusion_count": 3,  # a form read for a syllable at least this often ...
    "min_confusion_prob": 0.01,  # ... and at least this share of its readings
    "min_lm_bigram": 3,  # corpus bigrams seen fewer times are not shipped
    "lm_smoothing": 200.0,  # pseudo-count pulling P(word | neighbour) to P(word)
    "min_context_posterior": 0.1,  # a candidate is emitted above this P(true | form, neighbours)
    "min_context_posterior_syllable": 0.25,  # ... when the form is itself a syllable
}
