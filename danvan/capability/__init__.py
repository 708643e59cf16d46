"""What every capability (registry, awards, activities, …) is built from: its declaration,
generic pages, a base API, the shared shape of records, permission checks and writes."""
