// API bodies and records for issue #4 (crisis).
export {};
