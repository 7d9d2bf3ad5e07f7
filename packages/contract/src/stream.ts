// API bodies and records for issue #11 (stream).
export {};
