"""Recording: moderators record what their workshop produced (the outcome and its policy
proposals), submit it; organisers reopen and restore. Holds the models the other outcome
sub-domains build on (outcomes, policy proposals, revisions, addressees) and the history."""
