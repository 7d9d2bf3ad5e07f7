// API bodies and records for issue #4 (alerts).
export {};
