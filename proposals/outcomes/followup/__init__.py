"""Follow-up: what happened to validated policy proposals after the congress (sendings,
answers, a proposal taken up), recorded by the organisers, read by everyone."""
