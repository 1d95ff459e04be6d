"""The seller centre at /seller/: phone-first pages where a producer's members keep their shop."""
