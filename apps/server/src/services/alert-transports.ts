import nodemailer from 'nodemailer';
import type { EmailChannelConfig } from '@ombud/contract';

/** What one attempt to hand a message over came to. */
export interface TransportResult {
  ok: boolean;
  /** HTTP status, or the SMTP reply code. */
  statusCode: number | null;
  error: string | null;
}

const HTTP_TIMEOUT_MS = 5_000;
const SMTP_TIMEOUT_MS = 10_000;

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.name === 'TimeoutError' ? 'timed out' : error.message}${reason}`;
  }
  return String(error);
}

/**
 * POSTs a JSON body; any 2xx is success. Redirects are not followed (a receiver that moved must be
 * reconfigured, not silently chased), and the answer's body is read only for the error message.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = HTTP_TIMEOUT_MS,
): Promise<TransportResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Ombud-Alerts/0.1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await response.text().catch(() => '')).slice(0, 300);
    if (response.status >= 200 && response.status < 300)
      return { ok: true, statusCode: response.status, error: null };
    return {
      ok: false,
      statusCode: response.status,
      error: `receiver answered HTTP ${response.status}${answer === '' ? '' : `: ${answer}`}`,
    };
  } catch (error) {
    return { ok: false, statusCode: null, error: `could not reach ${new URL(url).host}: ${describe(error)}` };
  }
}

export interface MailToSend {
  subject: string;
  text: string;
  html: string;
  language: string;
  headers: Record<string, string>;
  /** Stable per delivery, so a resend after an unrecorded acceptance is recognisably the same mail. */
  messageId?: string | undefined;
}

function replyCode(response: string | undefined): number | null {
  const code = Number(/^(\d{3})/.exec(response ?? '')?.[1]);
  return Number.isInteger(code) ? code : null;
}

/** Sends one e-mail through the channel's SMTP server; success when every recipient is accepted. */
export async function sendMail(config: EmailChannelConfig, mail: MailToSend): Promise<TransportResult> {
  const transport = nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.tls === 'implicit',
    requireTLS: config.smtp.tls === 'starttls',
    ignoreTLS: config.smtp.tls === 'none',
    ...(config.smtp.username === undefined
      ? {}
      : { auth: { user: config.smtp.username, pass: config.smtp.password ?? '' } }),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'Content-Language': mail.language, ...mail.headers },
      ...(mail.messageId === undefined ? {} : { messageId: mail.messageId }),
    });
    const rejected = (info.rejected as (string | { address: string })[]).map((address) =>
      typeof address === 'string' ? address : address.address,
    );
    if (rejected.length > 0)
      return {
        ok: false,
        statusCode: replyCode(info.response),
        error: `SMTP server refused ${rejected.join(', ')}`,
      };
    return { ok: true, statusCode: replyCode(info.response), error: null };
  } catch (error) {
    const code = (error as { responseCode?: unknown }).responseCode;
    return {
      ok: false,
      statusCode: typeof code === 'number' ? code : null,
      error: `SMTP ${config.smtp.host}:${config.smtp.port}: ${describe(error)}`,
    };
  } finally {
    transport.close();
  }
}
