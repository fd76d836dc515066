"""Organisation charts: committees, administrations and units with their legal responsibility areas (step 1)."""
