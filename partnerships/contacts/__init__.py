"""A partnership's contacts and its relationship plan (step 1)."""
