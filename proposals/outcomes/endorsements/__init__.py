"""Endorsements: the public pages of validated policy proposals, where participants support them
during the endorsement period set by the organisers."""
