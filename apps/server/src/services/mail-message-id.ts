/**
 * A Message-ID that is the same every time one delivery is sent. A send can be accepted by the SMTP
 * server and then not recorded (the process dies in between); the delivery is then sent again.
 * That cannot be fully avoided, so the resend carries the first one's Message-ID (RFC 5322 §3.6.4):
 * mail systems and readers' clients recognise it as the same message.
 */
export function stableMessageId(kind: string, deliveryId: string, from: string): string {
  return `<ombud.${kind}.${deliveryId}@${senderDomain(from)}>`;
}

/** The domain of the sender's address (`Name <a@b.example>` or `a@b.example`); a reserved name otherwise. */
function senderDomain(from: string): string {
  const address = /<([^>]*)>/.exec(from)?.[1] ?? from;
  const domain = address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
  return address.includes('@') && /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/.test(domain)
    ? domain
    : 'ombud.invalid';
}
