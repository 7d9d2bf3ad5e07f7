// API bodies and records for issue #6 (advocates).
export {};
