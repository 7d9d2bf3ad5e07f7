// API bodies and records for issue #8 (listening).
export {};
