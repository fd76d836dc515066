"""Each party's perspective and organisational context, side by side (step 2)."""
