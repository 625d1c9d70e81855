"""The organisers' editable room × time grid of the workshops (issue 14): accepted workshops are
placed or moved by drag and drop, or with the form under each workshop (no JavaScript needed);
`proposals.services.proposal_schedule` refuses conflicts under its locks."""
