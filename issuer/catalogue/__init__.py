"""The document types Posvid's issuer signs: formats, check digits, claims, labels."""
