"""The collaboration plan (step 4): activities, RACI, resources, ways of working, risks, revisions."""
