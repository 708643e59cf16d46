"""danvan: mass-mobilization work (công tác dân vận) for Vietnam's Party committees."""
