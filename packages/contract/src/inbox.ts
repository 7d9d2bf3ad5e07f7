// API bodies and records for issue #5 (inbox).
export {};
