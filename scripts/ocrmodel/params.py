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
}
