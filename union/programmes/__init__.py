"""The union's work with its members in the admin: mentoring pairs, trainings (registrations, check-in,
attendance sheets, follow-up figures) and support records, each scoped to the officer's subtree."""
