// API bodies and records for issue #10 (readiness).
export {};
