export const SESSION_COOKIE = 'ombud_session';
