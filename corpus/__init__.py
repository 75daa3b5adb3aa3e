"""Data files shipped with beleidskg (this marker lets Python locate them once installed)."""
