/** The three languages every readiness text exists in. */
export type ReadinessLocale = 'en' | 'es' | 'sv';
export const READINESS_LOCALES: readonly ReadinessLocale[] = ['en', 'es', 'sv'];

export type Localized = Readonly<Record<ReadinessLocale, string>>;

/** The eight risks of handing the microphone to customers. */
export const RISK_IDS = [
  'message_control',
  'misinformed_advocates',
  'resources',
  'crisis_management',
  'brand_consistency',
  'competitors',
  'privacy',
  'engagement_volume',
] as const;
export type RiskId = (typeof RISK_IDS)[number];

export const QUESTION_IDS = [
  'key_messages_translated',
  'fact_sheet_translated',
  'banned_claims_listed',
  'advocate_brief_ready',
  'disclosures_every_market',
  'agents_cover_languages',
  'agents_cover_hours',
  'staffing_meets_target',
  'sla_policy_set',
  'holding_statements_translated',
  'playbook_owner_escalation',
  'alert_channel_tested',
  'reply_templates_translated',
  'brand_brief_attached',
  'competitors_listed',
  'competitor_listening',
  'redaction_policy_set',
  'consent_text_translated',
  'forecast_parameters_set',
  'crisis_scenario_absorbed',
] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

export interface ReadinessQuestion {
  readonly id: QuestionId;
  readonly risk: RiskId;
  /** 1 (nice to have) … 3 (essential): how much the answer moves the risk's score. */
  readonly weight: 1 | 2 | 3;
  /** A failing critical question blocks the launch unless the workspace's gate says otherwise. */
  readonly critical: boolean;
}

/** The questionnaire: which risk each question covers, its weight and whether it gates the launch. */
export const READINESS_QUESTIONS: readonly ReadinessQuestion[] = [
  { id: 'key_messages_translated', risk: 'message_control', weight: 3, critical: false },
  { id: 'fact_sheet_translated', risk: 'message_control', weight: 2, critical: false },
  { id: 'banned_claims_listed', risk: 'message_control', weight: 1, critical: false },
  { id: 'advocate_brief_ready', risk: 'misinformed_advocates', weight: 3, critical: true },
  { id: 'disclosures_every_market', risk: 'misinformed_advocates', weight: 3, critical: true },
  { id: 'agents_cover_languages', risk: 'resources', weight: 3, critical: true },
  { id: 'agents_cover_hours', risk: 'resources', weight: 3, critical: true },
  { id: 'staffing_meets_target', risk: 'resources', weight: 2, critical: false },
  { id: 'sla_policy_set', risk: 'resources', weight: 2, critical: false },
  { id: 'holding_statements_translated', risk: 'crisis_management', weight: 3, critical: true },
  { id: 'playbook_owner_escalation', risk: 'crisis_management', weight: 3, critical: true },
  { id: 'alert_channel_tested', risk: 'crisis_management', weight: 3, critical: true },
  { id: 'reply_templates_translated', risk: 'brand_consistency', weight: 2, critical: false },
  { id: 'brand_brief_attached', risk: 'brand_consistency', weight: 2, critical: false },
  { id: 'competitors_listed', risk: 'competitors', weight: 2, critical: false },
  { id: 'competitor_listening', risk: 'competitors', weight: 1, critical: false },
  { id: 'redaction_policy_set', risk: 'privacy', weight: 3, critical: true },
  { id: 'consent_text_translated', risk: 'privacy', weight: 3, critical: true },
  { id: 'forecast_parameters_set', risk: 'engagement_volume', weight: 2, critical: false },
  { id: 'crisis_scenario_absorbed', risk: 'engagement_volume', weight: 2, critical: false },
];

/**
 * `pass`: configured and checked; `partial`: configured but incomplete; `fail`: missing;
 * `not_configured`: the capability that would hold the answer is not set up in this workspace.
 */
export type AnswerStatus = 'pass' | 'partial' | 'fail' | 'not_configured';

/** One fact behind an answer: a code with a localized template and the values it names. */
export interface Finding {
  readonly code: FindingCode;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** The answer to one question, as found in the workspace's configuration. */
export interface CheckAnswer {
  readonly questionId: QuestionId;
  readonly status: AnswerStatus;
  readonly evidence: readonly Finding[];
}

export interface GateSettings {
  /** Per-question override of the default `critical` flag. */
  readonly critical?: Readonly<Partial<Record<QuestionId, boolean>>>;
}

export interface AssessedQuestion extends ReadinessQuestion {
  readonly status: AnswerStatus;
  readonly evidence: readonly Finding[];
  /** 1 pass, 0.5 partial, 0 otherwise. */
  readonly credit: number;
}

export type RiskLevel = 'low' | 'medium' | 'high';

export interface RiskSummary {
  readonly risk: RiskId;
  /** Weighted share of the risk's questions answered (0..1). */
  readonly score: number;
  readonly level: RiskLevel;
  readonly failing: number;
  readonly criticalFailing: number;
}

/** An open action: a question not passed, with what to do about it. */
export interface OpenAction {
  readonly questionId: QuestionId;
  readonly risk: RiskId;
  readonly critical: boolean;
  readonly weight: number;
  readonly status: AnswerStatus;
}

export interface RiskAssessment {
  readonly questions: readonly AssessedQuestion[];
  readonly risks: readonly RiskSummary[];
  /** Weighted share of all questions answered (0..1). */
  readonly score: number;
  readonly gate: {
    readonly blocked: boolean;
    readonly failingCritical: readonly QuestionId[];
  };
  /** Critical first, then by weight, then in questionnaire order. */
  readonly openActions: readonly OpenAction[];
}

const CREDIT: Record<AnswerStatus, number> = { pass: 1, partial: 0.5, fail: 0, not_configured: 0 };

/**
 * Scores answers against the questionnaire: each risk's weighted share of answered questions, its
 * level (high when a critical question fails or under half is answered), and the gate, which is
 * blocked while any critical question is not fully passed. A question without an answer counts as
 * `fail` with no evidence, never as a pass.
 */
export function assessReadiness(
  answers: readonly CheckAnswer[],
  settings: GateSettings = {},
): RiskAssessment {
  const byId = new Map(answers.map((answer) => [answer.questionId, answer]));
  const questions: AssessedQuestion[] = READINESS_QUESTIONS.map((question) => {
    const answer = byId.get(question.id);
    const status = answer?.status ?? 'fail';
    return {
      ...question,
      critical: settings.critical?.[question.id] ?? question.critical,
      status,
      evidence: answer?.evidence ?? [],
      credit: CREDIT[status],
    };
  });
  const weighted = (list: readonly AssessedQuestion[]): number => {
    const total = list.reduce((sum, q) => sum + q.weight, 0);
    return total === 0 ? 1 : list.reduce((sum, q) => sum + q.weight * q.credit, 0) / total;
  };
  const risks: RiskSummary[] = RISK_IDS.map((risk) => {
    const own = questions.filter((q) => q.risk === risk);
    const score = weighted(own);
    const failing = own.filter((q) => q.status !== 'pass').length;
    const criticalFailing = own.filter((q) => q.critical && q.status !== 'pass').length;
    const level: RiskLevel = criticalFailing > 0 || score < 0.5 ? 'high' : score < 0.85 ? 'medium' : 'low';
    return { risk, score, level, failing, criticalFailing };
  });
  const order = new Map(READINESS_QUESTIONS.map((q, index) => [q.id, index]));
  const openActions: OpenAction[] = questions
    .filter((q) => q.status !== 'pass')
    .sort(
      (a, b) =>
        Number(b.critical) - Number(a.critical) || b.weight - a.weight || order.get(a.id)! - order.get(b.id)!,
    )
    .map((q) => ({
      questionId: q.id,
      risk: q.risk,
      critical: q.critical,
      weight: q.weight,
      status: q.status,
    }));
  const failingCritical = questions.filter((q) => q.critical && q.status !== 'pass').map((q) => q.id);
  return {
    questions,
    risks,
    score: weighted(questions),
    gate: { blocked: failingCritical.length > 0, failingCritical },
    openActions,
  };
}

/** Fills `{name}` placeholders; unknown names stay visible rather than vanish. */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** A finding in the reader's language. */
export function describeFinding(finding: Finding, locale: ReadinessLocale): string {
  return fillTemplate(FINDING_TEXTS[finding.code][locale], finding.values);
}

export const RISK_TEXTS: Readonly<Record<RiskId, { title: Localized; explanation: Localized }>> = {
  message_control: {
    title: { en: 'Message control', es: 'Control del mensaje', sv: 'Kontroll över budskapet' },
    explanation: {
      en: 'Customers speak in their own words; the brand needs agreed messages and facts in every language to answer with.',
      es: 'Los clientes hablan con sus propias palabras; la marca necesita mensajes y datos acordados en cada idioma para responder.',
      sv: 'Kunderna talar med egna ord; varumärket behöver överenskomna budskap och fakta på varje språk att svara med.',
    },
  },
  misinformed_advocates: {
    title: {
      en: 'Misinformed advocates',
      es: 'Embajadores mal informados',
      sv: 'Felinformerade ambassadörer',
    },
    explanation: {
      en: 'Advocates repeat what they were told; without a brief and disclosure rules they spread wrong claims or hidden advertising.',
      es: 'Los embajadores repiten lo que se les dijo; sin un brief y reglas de divulgación difunden afirmaciones falsas o publicidad encubierta.',
      sv: 'Ambassadörer upprepar det de fått höra; utan brief och regler för reklammärkning sprider de felaktiga påståenden eller dold reklam.',
    },
  },
  resources: {
    title: { en: 'Resources', es: 'Recursos', sv: 'Resurser' },
    explanation: {
      en: 'Every post that needs an answer needs a person who speaks its language, on duty when it arrives.',
      es: 'Cada publicación que necesita respuesta necesita una persona que hable su idioma y esté de turno cuando llega.',
      sv: 'Varje inlägg som behöver svar behöver en person som talar språket och är i tjänst när det kommer.',
    },
  },
  crisis_management: {
    title: { en: 'Crisis management', es: 'Gestión de crisis', sv: 'Krishantering' },
    explanation: {
      en: 'A crisis in public moves in hours: the first statement, the owner and the alarm must be ready before launch.',
      es: 'Una crisis pública avanza en horas: la primera declaración, el responsable y la alarma deben estar listos antes del lanzamiento.',
      sv: 'En offentlig kris rör sig på timmar: första uttalandet, ansvarig person och larmet måste vara klara före lansering.',
    },
  },
  brand_consistency: {
    title: { en: 'Brand consistency', es: 'Coherencia de marca', sv: 'Enhetligt varumärke' },
    explanation: {
      en: 'Many people answer on behalf of the brand; shared templates and a brief keep the voice and the facts consistent.',
      es: 'Muchas personas responden en nombre de la marca; plantillas compartidas y un brief mantienen la voz y los datos coherentes.',
      sv: 'Många svarar för varumärkets räkning; gemensamma mallar och en brief håller tonen och fakta enhetliga.',
    },
  },
  competitors: {
    title: { en: 'Competitors', es: 'Competidores', sv: 'Konkurrenter' },
    explanation: {
      en: 'Competitors join open conversations; the team must see their mentions to respond before they set the agenda.',
      es: 'Los competidores se suman a las conversaciones abiertas; el equipo debe ver sus menciones para responder antes de que marquen la agenda.',
      sv: 'Konkurrenter hakar på öppna samtal; teamet måste se deras omnämnanden för att svara innan de sätter agendan.',
    },
  },
  privacy: {
    title: { en: 'Privacy', es: 'Privacidad', sv: 'Integritet' },
    explanation: {
      en: 'Customers post personal data in public; the brand must redact it and ask consent before reusing anyone’s content.',
      es: 'Los clientes publican datos personales; la marca debe ocultarlos y pedir consentimiento antes de reutilizar el contenido de nadie.',
      sv: 'Kunder publicerar personuppgifter öppet; varumärket måste maskera dem och be om samtycke innan någons innehåll återanvänds.',
    },
  },
  engagement_volume: {
    title: { en: 'Engagement volume', es: 'Volumen de participación', sv: 'Engagemangsvolym' },
    explanation: {
      en: 'Success can overwhelm: the team must know how many posts to expect and what happens when a crisis multiplies them.',
      es: 'El éxito puede desbordar: el equipo debe saber cuántas publicaciones esperar y qué pasa cuando una crisis las multiplica.',
      sv: 'Framgång kan bli för mycket: teamet måste veta hur många inlägg som väntas och vad som händer när en kris mångdubblar dem.',
    },
  },
};

export const QUESTION_TEXTS: Readonly<
  Record<QuestionId, { question: Localized; explanation: Localized; fix: Localized }>
> = {
  key_messages_translated: {
    question: {
      en: 'Does every key message exist in every campaign language?',
      es: '¿Existe cada mensaje clave en todos los idiomas de la campaña?',
      sv: 'Finns varje nyckelbudskap på alla kampanjens språk?',
    },
    explanation: {
      en: 'Agents and advocates quote key messages; a missing translation means improvised wording.',
      es: 'Agentes y embajadores citan los mensajes clave; una traducción que falta significa improvisar.',
      sv: 'Agenter och ambassadörer citerar nyckelbudskapen; en saknad översättning betyder improviserade formuleringar.',
    },
    fix: {
      en: 'Add the missing translations to the campaign’s key messages.',
      es: 'Añade las traducciones que faltan a los mensajes clave de la campaña.',
      sv: 'Lägg till de saknade översättningarna av kampanjens nyckelbudskap.',
    },
  },
  fact_sheet_translated: {
    question: {
      en: 'Does the fact sheet cover every campaign language?',
      es: '¿Cubre la ficha de datos todos los idiomas de la campaña?',
      sv: 'Täcker faktabladet alla kampanjens språk?',
    },
    explanation: {
      en: 'Claims in posts are checked against the fact sheet; without it in a language, wrong claims go unnoticed.',
      es: 'Las afirmaciones se comprueban con la ficha de datos; sin ella en un idioma, las falsas pasan inadvertidas.',
      sv: 'Påståenden i inlägg kontrolleras mot faktabladet; saknas det på ett språk passerar felaktiga påståenden obemärkt.',
    },
    fix: {
      en: 'Write each fact in every campaign language in the campaign’s fact sheet.',
      es: 'Escribe cada dato en todos los idiomas de la campaña en su ficha de datos.',
      sv: 'Skriv varje faktum på alla kampanjens språk i kampanjens faktablad.',
    },
  },
  banned_claims_listed: {
    question: {
      en: 'Are the claims nobody may make listed?',
      es: '¿Están listadas las afirmaciones que nadie debe hacer?',
      sv: 'Finns de påståenden som ingen får göra listade?',
    },
    explanation: {
      en: 'Banned claims (e.g. “100% recycled”) are flagged in every post and reply before they spread.',
      es: 'Las afirmaciones prohibidas (p. ej. «100 % reciclado») se señalan en cada publicación y respuesta antes de que se difundan.',
      sv: 'Förbjudna påståenden (t.ex. ”100 % återvunnet”) flaggas i varje inlägg och svar innan de sprids.',
    },
    fix: {
      en: 'List the banned claims on the campaign, in every language.',
      es: 'Enumera en la campaña las afirmaciones prohibidas, en todos los idiomas.',
      sv: 'Lista de förbjudna påståendena på kampanjen, på alla språk.',
    },
  },
  advocate_brief_ready: {
    question: {
      en: 'Do advocates have a brief for this campaign?',
      es: '¿Tienen los embajadores un brief para esta campaña?',
      sv: 'Har ambassadörerna en brief för den här kampanjen?',
    },
    explanation: {
      en: 'The advocate brief tells advocates what to say, what not to say and how to disclose.',
      es: 'El brief de embajadores les dice qué decir, qué no decir y cómo señalar la publicidad.',
      sv: 'Ambassadörsbriefen säger vad de ska säga, inte säga och hur reklam ska märkas.',
    },
    fix: {
      en: 'Publish an advocate brief for the campaign (Advocates → Brief).',
      es: 'Publica un brief de embajadores para la campaña (Embajadores → Brief).',
      sv: 'Publicera en ambassadörsbrief för kampanjen (Ambassadörer → Brief).',
    },
  },
  disclosures_every_market: {
    question: {
      en: 'Is there a disclosure rule for every market?',
      es: '¿Hay una regla de divulgación publicitaria para cada mercado?',
      sv: 'Finns en regel för reklammärkning på varje marknad?',
    },
    explanation: {
      en: 'Paid or gifted posts must be marked as advertising, with rules that differ by market.',
      es: 'Las publicaciones pagadas o con regalo deben marcarse como publicidad, con reglas distintas en cada mercado.',
      sv: 'Betalda eller sponsrade inlägg måste märkas som reklam, med regler som skiljer sig mellan marknader.',
    },
    fix: {
      en: 'Add a disclosure rule (tags and placement) for each market listed.',
      es: 'Añade una regla de divulgación (etiquetas y posición) para cada mercado indicado.',
      sv: 'Lägg till en regel för reklammärkning (taggar och placering) för varje angiven marknad.',
    },
  },
  agents_cover_languages: {
    question: {
      en: 'Do the agents speak every campaign language?',
      es: '¿Hablan los agentes todos los idiomas de la campaña?',
      sv: 'Talar agenterna alla kampanjens språk?',
    },
    explanation: {
      en: 'Posts are routed by language; a language nobody speaks piles up unanswered.',
      es: 'Las publicaciones se asignan por idioma; un idioma que nadie habla se acumula sin respuesta.',
      sv: 'Inlägg fördelas efter språk; ett språk som ingen talar blir liggande obesvarat.',
    },
    fix: {
      en: 'Add agents (or languages to agents) for the missing languages (Inbox → Agents).',
      es: 'Añade agentes (o idiomas a los agentes) para los idiomas que faltan (Bandeja → Agentes).',
      sv: 'Lägg till agenter (eller språk hos agenter) för de saknade språken (Inkorg → Agenter).',
    },
  },
  agents_cover_hours: {
    question: {
      en: 'Is someone on duty in each language in every hour with expected traffic?',
      es: '¿Hay alguien de turno en cada idioma en cada hora con tráfico previsto?',
      sv: 'Är någon i tjänst på varje språk under varje timme med väntad trafik?',
    },
    explanation: {
      en: 'Markets in other time zones post while the home team sleeps.',
      es: 'Los mercados de otras zonas horarias publican mientras el equipo local duerme.',
      sv: 'Marknader i andra tidszoner skriver medan hemmateamet sover.',
    },
    fix: {
      en: 'Extend agents’ working hours or add agents so every listed hour is covered.',
      es: 'Amplía el horario de los agentes o añade agentes para cubrir cada hora indicada.',
      sv: 'Utöka agenternas arbetstider eller lägg till agenter så att varje angiven timme täcks.',
    },
  },
  staffing_meets_target: {
    question: {
      en: 'Does the team meet the answer-time target on the forecast?',
      es: '¿Cumple el equipo el objetivo de tiempo de respuesta con la previsión?',
      sv: 'Klarar teamet svarstidsmålet med prognosen?',
    },
    explanation: {
      en: 'A simulation of the forecast against the agents’ schedules predicts the share answered in time.',
      es: 'Una simulación de la previsión frente a los horarios de los agentes predice la parte respondida a tiempo.',
      sv: 'En simulering av prognosen mot agenternas scheman förutsäger andelen som besvaras i tid.',
    },
    fix: {
      en: 'Staff the hours below target as the staffing chart shows, or relax the target.',
      es: 'Refuerza las horas bajo el objetivo como indica el gráfico de personal, o relaja el objetivo.',
      sv: 'Bemanna timmarna under målet enligt bemanningsdiagrammet, eller sänk målet.',
    },
  },
  sla_policy_set: {
    question: {
      en: 'Is there an SLA policy for answer times?',
      es: '¿Hay una política de SLA para los tiempos de respuesta?',
      sv: 'Finns en SLA-policy för svarstider?',
    },
    explanation: {
      en: 'SLA clocks decide which items are overdue and escalate them.',
      es: 'Los relojes de SLA deciden qué elementos van con retraso y los escalan.',
      sv: 'SLA-klockor avgör vilka ärenden som är försenade och eskalerar dem.',
    },
    fix: {
      en: 'Create an SLA policy (Inbox → SLA policies).',
      es: 'Crea una política de SLA (Bandeja → Políticas de SLA).',
      sv: 'Skapa en SLA-policy (Inkorg → SLA-policyer).',
    },
  },
  holding_statements_translated: {
    question: {
      en: 'Do holding statements exist in every campaign language?',
      es: '¿Existen declaraciones de espera en todos los idiomas de la campaña?',
      sv: 'Finns avvaktande uttalanden på alla kampanjens språk?',
    },
    explanation: {
      en: 'The first public words in a crisis must be approved in advance, in each language.',
      es: 'Las primeras palabras públicas en una crisis deben estar aprobadas de antemano, en cada idioma.',
      sv: 'De första offentliga orden i en kris måste vara godkända i förväg, på varje språk.',
    },
    fix: {
      en: 'Run a crisis drill for the campaign and approve holding statements in the missing languages (Crisis → Drills).',
      es: 'Haz un simulacro de crisis para la campaña y aprueba declaraciones de espera en los idiomas que faltan (Crisis → Simulacros).',
      sv: 'Gör en krisövning för kampanjen och godkänn avvaktande uttalanden på de saknade språken (Kris → Övningar).',
    },
  },
  playbook_owner_escalation: {
    question: {
      en: 'Does a crisis playbook name an owner and an escalation contact?',
      es: '¿Nombra un protocolo de crisis a un responsable y un contacto de escalado?',
      sv: 'Anger en krisplan en ansvarig och en eskaleringskontakt?',
    },
    explanation: {
      en: 'When a detector fires, somebody must own the response and somebody must be reachable above them.',
      es: 'Cuando salta un detector, alguien debe asumir la respuesta y alguien por encima debe estar localizable.',
      sv: 'När en detektor slår larm måste någon äga svaret och någon ovanför gå att nå.',
    },
    fix: {
      en: 'Name the crisis owner in the readiness plan and give the campaign’s alert route an escalation channel (Alerts → Routes).',
      es: 'Nombra al responsable de crisis en el plan de preparación y da a la ruta de alertas de la campaña un canal de escalado (Alertas → Rutas).',
      sv: 'Ange krisansvarig i beredskapsplanen och ge kampanjens larmväg en eskaleringskanal (Larm → Vägar).',
    },
  },
  alert_channel_tested: {
    question: {
      en: 'Has an alert channel been test-pinged successfully in the last 30 days?',
      es: '¿Se ha probado con éxito un canal de alertas en los últimos 30 días?',
      sv: 'Har en larmkanal testats med lyckat resultat de senaste 30 dagarna?',
    },
    explanation: {
      en: 'An alarm nobody receives is no alarm: a recent successful test ping proves the path works.',
      es: 'Una alarma que nadie recibe no es una alarma: una prueba reciente con éxito demuestra que el canal funciona.',
      sv: 'Ett larm som ingen tar emot är inget larm: ett nyligen lyckat testlarm visar att vägen fungerar.',
    },
    fix: {
      en: 'Configure an alert channel and send a test ping (Alerts → Channels → Test).',
      es: 'Configura un canal de alertas y envía una prueba (Alertas → Canales → Probar).',
      sv: 'Konfigurera en larmkanal och skicka ett testlarm (Larm → Kanaler → Testa).',
    },
  },
  reply_templates_translated: {
    question: {
      en: 'Are there reply templates in every campaign language?',
      es: '¿Hay plantillas de respuesta en todos los idiomas de la campaña?',
      sv: 'Finns svarsmallar på alla kampanjens språk?',
    },
    explanation: {
      en: 'Templates keep many agents on one voice and on the facts.',
      es: 'Las plantillas mantienen a muchos agentes en una sola voz y en los datos correctos.',
      sv: 'Mallar håller många agenter till en röst och till fakta.',
    },
    fix: {
      en: 'Write reply templates in the missing languages (Inbox → Templates).',
      es: 'Redacta plantillas de respuesta en los idiomas que faltan (Bandeja → Plantillas).',
      sv: 'Skriv svarsmallar på de saknade språken (Inkorg → Mallar).',
    },
  },
  brand_brief_attached: {
    question: {
      en: 'Is the brand brief attached to the campaign?',
      es: '¿Está el brief de marca adjunto a la campaña?',
      sv: 'Är varumärkesbriefen kopplad till kampanjen?',
    },
    explanation: {
      en: 'The on-message score of every post and reply is measured against the brand brief.',
      es: 'La puntuación de alineación de cada publicación y respuesta se mide con el brief de marca.',
      sv: 'Varje inläggs och svars budskapspoäng mäts mot varumärkesbriefen.',
    },
    fix: {
      en: 'Attach the brand brief to the campaign (see docs/brief.md).',
      es: 'Adjunta el brief de marca a la campaña (ver docs/brief.md).',
      sv: 'Koppla varumärkesbriefen till kampanjen (se docs/brief.md).',
    },
  },
  competitors_listed: {
    question: {
      en: 'Are competitors listed with the handles and words that identify them?',
      es: '¿Están listados los competidores con las cuentas y palabras que los identifican?',
      sv: 'Är konkurrenterna listade med de konton och ord som identifierar dem?',
    },
    explanation: {
      en: 'Competitor mentions are only found when the competitors are named.',
      es: 'Las menciones de competidores solo se encuentran si los competidores están nombrados.',
      sv: 'Konkurrenters omnämnanden hittas bara när konkurrenterna är namngivna.',
    },
    fix: {
      en: 'Add each competitor with its handles and keywords to the campaign.',
      es: 'Añade a la campaña cada competidor con sus cuentas y palabras clave.',
      sv: 'Lägg till varje konkurrent med konton och nyckelord i kampanjen.',
    },
  },
  competitor_listening: {
    question: {
      en: 'Is competitor listening switched on?',
      es: '¿Está activada la escucha de competidores?',
      sv: 'Är bevakningen av konkurrenter påslagen?',
    },
    explanation: {
      en: 'Listening tracks competitors’ share of voice and their replies in the campaign’s conversation.',
      es: 'La escucha sigue la cuota de voz de los competidores y sus respuestas en la conversación.',
      sv: 'Bevakningen följer konkurrenternas andel av samtalet och deras svar i kampanjens konversation.',
    },
    fix: {
      en: 'Track the campaign’s competitors in Listening.',
      es: 'Sigue a los competidores de la campaña en Escucha.',
      sv: 'Bevaka kampanjens konkurrenter under Bevakning.',
    },
  },
  redaction_policy_set: {
    question: {
      en: 'Is a redaction policy for personal data set?',
      es: '¿Hay una política de ocultación de datos personales?',
      sv: 'Finns en policy för maskering av personuppgifter?',
    },
    explanation: {
      en: 'Phone numbers, e-mails and order numbers in posts must be masked before storage or display.',
      es: 'Teléfonos, correos y números de pedido en las publicaciones deben ocultarse antes de guardarlos o mostrarlos.',
      sv: 'Telefonnummer, e-post och ordernummer i inlägg måste maskeras innan de lagras eller visas.',
    },
    fix: {
      en: 'Choose a redaction policy for the workspace (Privacy → Redaction).',
      es: 'Elige una política de ocultación para el espacio de trabajo (Privacidad → Ocultación).',
      sv: 'Välj en maskeringspolicy för arbetsytan (Integritet → Maskering).',
    },
  },
  consent_text_translated: {
    question: {
      en: 'Is there a consent text in every campaign language?',
      es: '¿Hay un texto de consentimiento en todos los idiomas de la campaña?',
      sv: 'Finns en samtyckestext på alla kampanjens språk?',
    },
    explanation: {
      en: 'Reusing a customer’s post needs their consent, asked for in their language.',
      es: 'Reutilizar la publicación de un cliente requiere su consentimiento, pedido en su idioma.',
      sv: 'Att återanvända en kunds inlägg kräver samtycke, efterfrågat på kundens språk.',
    },
    fix: {
      en: 'Write the consent request in the missing languages (Privacy → Consent).',
      es: 'Redacta la solicitud de consentimiento en los idiomas que faltan (Privacidad → Consentimiento).',
      sv: 'Skriv samtyckesförfrågan på de saknade språken (Integritet → Samtycke).',
    },
  },
  forecast_parameters_set: {
    question: {
      en: 'Is the volume forecast based on this campaign’s own figures or on past posts?',
      es: '¿Se basa la previsión de volumen en datos propios de la campaña o en publicaciones pasadas?',
      sv: 'Bygger volymprognosen på kampanjens egna siffror eller på tidigare inlägg?',
    },
    explanation: {
      en: 'Staffing is only as good as the forecast: default assumptions are a placeholder.',
      es: 'La dotación de personal solo es tan buena como la previsión: los supuestos por defecto son provisionales.',
      sv: 'Bemanningen blir aldrig bättre än prognosen: standardantaganden är bara platshållare.',
    },
    fix: {
      en: 'Enter audience reach, participation and reply rates per market in the readiness plan.',
      es: 'Introduce en el plan de preparación el alcance, la participación y la tasa de respuesta por mercado.',
      sv: 'Ange räckvidd, deltagande och svarsandel per marknad i beredskapsplanen.',
    },
  },
  crisis_scenario_absorbed: {
    question: {
      en: 'Does the team absorb a crisis (negative volume ×10 for 6 h) and clear the backlog within a day?',
      es: '¿Absorbe el equipo una crisis (volumen negativo ×10 durante 6 h) y despeja la cola en un día?',
      sv: 'Klarar teamet en kris (negativ volym ×10 i 6 h) och arbetar bort kön inom ett dygn?',
    },
    explanation: {
      en: 'A simulated surge of negative posts shows what breaks first: answer times, abandonment or a backlog that never clears.',
      es: 'Un aumento simulado de publicaciones negativas muestra qué falla primero: tiempos de respuesta, abandono o una cola que no se despeja.',
      sv: 'En simulerad våg av negativa inlägg visar vad som brister först: svarstider, avhopp eller en kö som aldrig töms.',
    },
    fix: {
      en: 'Plan on-call agents for a crisis and keep holding statements ready to answer clusters at once.',
      es: 'Planifica agentes de guardia para una crisis y ten listas declaraciones de espera para responder grupos a la vez.',
      sv: 'Planera agenter i beredskap för en kris och ha avvaktande uttalanden redo för att besvara kluster på en gång.',
    },
  },
};

export const FINDING_CODES = [
  'capability_not_configured',
  'capability_unreadable',
  'campaign_languages',
  'key_messages_none',
  'key_message_missing_languages',
  'key_messages_complete',
  'facts_none',
  'fact_missing_languages',
  'facts_complete',
  'banned_claims_none',
  'banned_claims_count',
  'advocate_brief_none',
  'advocate_brief_found',
  'markets_none',
  'disclosure_missing_markets',
  'disclosure_complete',
  'agents_none',
  'agents_missing_languages',
  'agents_languages_ok',
  'agents_no_hours',
  'coverage_gap',
  'coverage_ok',
  'staffing_result',
  'staffing_without_agents',
  'sla_policy_none',
  'sla_policy_found',
  'holding_none',
  'holding_missing_languages',
  'holding_complete',
  'playbook_none',
  'playbook_owner_missing',
  'playbook_escalation_missing',
  'playbook_ok',
  'alert_channel_none',
  'alert_channel_untested',
  'alert_channel_test_failed',
  'alert_channel_test_stale',
  'alert_channel_ok',
  'templates_none',
  'templates_missing_languages',
  'templates_complete',
  'brand_brief_missing',
  'brand_brief_attached',
  'competitors_none',
  'competitors_without_terms',
  'competitors_complete',
  'listening_none',
  'listening_found',
  'redaction_none',
  'redaction_found',
  'consent_none',
  'consent_missing_languages',
  'consent_complete',
  'forecast_defaults',
  'forecast_from_campaign',
  'forecast_from_history',
  'crisis_breaks_service_level',
  'crisis_breaks_abandonment',
  'crisis_backlog_never_clears',
  'crisis_backlog_slow',
  'crisis_absorbed',
  'crisis_without_team',
  'note',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const FINDING_TEXTS: Readonly<Record<FindingCode, Localized>> = {
  capability_not_configured: {
    en: 'Capability not configured: the {capability} part of Ombud is not set up in this workspace (no {table} table).',
    es: 'Capacidad no configurada: la parte {capability} de Ombud no está configurada en este espacio (no hay tabla {table}).',
    sv: 'Funktionen är inte konfigurerad: delen {capability} av Ombud är inte uppsatt i arbetsytan (ingen tabell {table}).',
  },
  capability_unreadable: {
    en: 'Capability not configured: {table} could not be read ({reason}).',
    es: 'Capacidad no configurada: no se pudo leer {table} ({reason}).',
    sv: 'Funktionen är inte konfigurerad: {table} kunde inte läsas ({reason}).',
  },
  campaign_languages: {
    en: 'Campaign languages: {languages}.',
    es: 'Idiomas de la campaña: {languages}.',
    sv: 'Kampanjens språk: {languages}.',
  },
  key_messages_none: {
    en: 'The campaign has no key messages.',
    es: 'La campaña no tiene mensajes clave.',
    sv: 'Kampanjen har inga nyckelbudskap.',
  },
  key_message_missing_languages: {
    en: 'Key message “{id}” is missing in: {languages}.',
    es: 'Al mensaje clave «{id}» le falta: {languages}.',
    sv: 'Nyckelbudskapet ”{id}” saknas på: {languages}.',
  },
  key_messages_complete: {
    en: '{count} key messages, each in {languages}.',
    es: '{count} mensajes clave, cada uno en {languages}.',
    sv: '{count} nyckelbudskap, vart och ett på {languages}.',
  },
  facts_none: {
    en: 'The campaign has no fact sheet.',
    es: 'La campaña no tiene ficha de datos.',
    sv: 'Kampanjen har inget faktablad.',
  },
  fact_missing_languages: {
    en: 'Fact “{id}” is missing in: {languages}.',
    es: 'Al dato «{id}» le falta: {languages}.',
    sv: 'Faktumet ”{id}” saknas på: {languages}.',
  },
  facts_complete: {
    en: '{count} facts, each in {languages}.',
    es: '{count} datos, cada uno en {languages}.',
    sv: '{count} fakta, vart och ett på {languages}.',
  },
  banned_claims_none: {
    en: 'No banned claims are listed.',
    es: 'No hay afirmaciones prohibidas en la lista.',
    sv: 'Inga förbjudna påståenden är listade.',
  },
  banned_claims_count: {
    en: '{count} banned claims are listed.',
    es: 'Hay {count} afirmaciones prohibidas en la lista.',
    sv: '{count} förbjudna påståenden är listade.',
  },
  advocate_brief_none: {
    en: 'No advocate brief exists for this campaign.',
    es: 'No existe un brief de embajadores para esta campaña.',
    sv: 'Det finns ingen ambassadörsbrief för kampanjen.',
  },
  advocate_brief_found: {
    en: 'The campaign brief is attached; {trained} of {active} active advocates have completed training.',
    es: 'El brief de la campaña está adjunto; {trained} de {active} embajadores activos han completado la formación.',
    sv: 'Kampanjens brief är kopplad; {trained} av {active} aktiva ambassadörer har gått utbildningen.',
  },
  markets_none: {
    en: 'The campaign lists no markets, so no disclosure rule can be checked.',
    es: 'La campaña no indica mercados, así que no se puede comprobar ninguna regla de divulgación.',
    sv: 'Kampanjen anger inga marknader, så ingen regel för reklammärkning kan kontrolleras.',
  },
  disclosure_missing_markets: {
    en: 'No disclosure rule for: {markets}.',
    es: 'Sin regla de divulgación para: {markets}.',
    sv: 'Ingen regel för reklammärkning för: {markets}.',
  },
  disclosure_complete: {
    en: 'Disclosure rules cover every market: {markets}.',
    es: 'Las reglas de divulgación cubren todos los mercados: {markets}.',
    sv: 'Regler för reklammärkning täcker alla marknader: {markets}.',
  },
  agents_none: {
    en: 'No agents are set up in the inbox.',
    es: 'No hay agentes configurados en la bandeja.',
    sv: 'Inga agenter är uppsatta i inkorgen.',
  },
  agents_missing_languages: {
    en: 'No agent speaks: {languages}.',
    es: 'Ningún agente habla: {languages}.',
    sv: 'Ingen agent talar: {languages}.',
  },
  agents_languages_ok: {
    en: '{agents} agents speak every campaign language ({languages}).',
    es: '{agents} agentes hablan todos los idiomas de la campaña ({languages}).',
    sv: '{agents} agenter talar alla kampanjens språk ({languages}).',
  },
  agents_no_hours: {
    en: 'No agent has working hours set.',
    es: 'Ningún agente tiene horario configurado.',
    sv: 'Ingen agent har arbetstider angivna.',
  },
  coverage_gap: {
    en: '{language}: nobody on duty in {hours} forecast hour(s) with traffic (first at {first} UTC); about {items} items would wait.',
    es: '{language}: nadie de turno en {hours} hora(s) previstas con tráfico (la primera a las {first} UTC); unos {items} elementos esperarían.',
    sv: '{language}: ingen i tjänst under {hours} prognostimme(ar) med trafik (första kl. {first} UTC); cirka {items} ärenden skulle vänta.',
  },
  coverage_ok: {
    en: 'Every language ({languages}) has an agent on duty in every hour with traffic.',
    es: 'Cada idioma ({languages}) tiene un agente de turno en cada hora con tráfico.',
    sv: 'Varje språk ({languages}) har en agent i tjänst varje timme med trafik.',
  },
  staffing_result: {
    en: 'Simulated: {achieved} of items answered within {seconds} s (target {target}); {hoursBelow} of {hours} hours below target; peak backlog {backlog}.',
    es: 'Simulado: {achieved} de los elementos respondidos en {seconds} s (objetivo {target}); {hoursBelow} de {hours} horas bajo el objetivo; cola máxima {backlog}.',
    sv: 'Simulerat: {achieved} av ärendena besvarade inom {seconds} s (mål {target}); {hoursBelow} av {hours} timmar under målet; största kö {backlog}.',
  },
  staffing_without_agents: {
    en: 'No agents to simulate: {agentsNeeded} agent-hours would be needed to meet the target.',
    es: 'No hay agentes que simular: harían falta {agentsNeeded} horas-agente para cumplir el objetivo.',
    sv: 'Inga agenter att simulera: {agentsNeeded} agenttimmar skulle behövas för att nå målet.',
  },
  sla_policy_none: {
    en: 'No SLA policy exists.',
    es: 'No existe ninguna política de SLA.',
    sv: 'Det finns ingen SLA-policy.',
  },
  sla_policy_found: {
    en: '{count} SLA policy/policies: {names}.',
    es: '{count} política(s) de SLA: {names}.',
    sv: '{count} SLA-policy(er): {names}.',
  },
  holding_none: {
    en: 'No holding statements exist.',
    es: 'No existen declaraciones de espera.',
    sv: 'Det finns inga avvaktande uttalanden.',
  },
  holding_missing_languages: {
    en: 'Holding statements are missing in: {languages} (present: {present}).',
    es: 'Faltan declaraciones de espera en: {languages} (presentes: {present}).',
    sv: 'Avvaktande uttalanden saknas på: {languages} (finns: {present}).',
  },
  holding_complete: {
    en: '{count} holding statements cover {languages}.',
    es: '{count} declaraciones de espera cubren {languages}.',
    sv: '{count} avvaktande uttalanden täcker {languages}.',
  },
  playbook_none: {
    en: 'No crisis playbook exists.',
    es: 'No existe ningún protocolo de crisis.',
    sv: 'Det finns ingen krisplan.',
  },
  playbook_owner_missing: {
    en: 'Playbook “{playbook}” has no owner: the readiness plan names no crisis owner.',
    es: 'El protocolo «{playbook}» no tiene responsable: el plan de preparación no nombra a ningún responsable de crisis.',
    sv: 'Krisplanen ”{playbook}” saknar ansvarig: beredskapsplanen anger ingen krisansvarig.',
  },
  playbook_escalation_missing: {
    en: 'Playbook “{playbook}” has no escalation contact: no alert route for this campaign escalates to a second channel.',
    es: 'El protocolo «{playbook}» no tiene contacto de escalado: ninguna ruta de alertas de esta campaña escala a un segundo canal.',
    sv: 'Krisplanen ”{playbook}” saknar eskaleringskontakt: ingen larmväg för kampanjen eskalerar till en andra kanal.',
  },
  playbook_ok: {
    en: 'Playbook “{playbook}”: owner {owner}, escalation {escalation}.',
    es: 'Protocolo «{playbook}»: responsable {owner}, escalado {escalation}.',
    sv: 'Krisplan ”{playbook}”: ansvarig {owner}, eskalering {escalation}.',
  },
  alert_channel_none: {
    en: 'No alert channel is configured.',
    es: 'No hay ningún canal de alertas configurado.',
    sv: 'Ingen larmkanal är konfigurerad.',
  },
  alert_channel_untested: {
    en: 'Alert channel “{channel}” has never been test-pinged.',
    es: 'El canal de alertas «{channel}» nunca se ha probado.',
    sv: 'Larmkanalen ”{channel}” har aldrig testats.',
  },
  alert_channel_test_failed: {
    en: 'Alert channel “{channel}”: the last test ping on {when} failed.',
    es: 'Canal de alertas «{channel}»: la última prueba del {when} falló.',
    sv: 'Larmkanalen ”{channel}”: senaste testet {when} misslyckades.',
  },
  alert_channel_test_stale: {
    en: 'Alert channel “{channel}”: last successful test ping on {when}, more than 30 days ago.',
    es: 'Canal de alertas «{channel}»: última prueba con éxito el {when}, hace más de 30 días.',
    sv: 'Larmkanalen ”{channel}”: senaste lyckade test {when}, för mer än 30 dagar sedan.',
  },
  alert_channel_ok: {
    en: 'Alert channel “{channel}” answered a test ping on {when}.',
    es: 'El canal de alertas «{channel}» respondió a una prueba el {when}.',
    sv: 'Larmkanalen ”{channel}” svarade på ett testlarm {when}.',
  },
  templates_none: {
    en: 'No reply templates exist.',
    es: 'No existen plantillas de respuesta.',
    sv: 'Det finns inga svarsmallar.',
  },
  templates_missing_languages: {
    en: 'Reply templates are missing in: {languages}.',
    es: 'Faltan plantillas de respuesta en: {languages}.',
    sv: 'Svarsmallar saknas på: {languages}.',
  },
  templates_complete: {
    en: '{count} reply templates cover {languages}.',
    es: '{count} plantillas de respuesta cubren {languages}.',
    sv: '{count} svarsmallar täcker {languages}.',
  },
  brand_brief_missing: {
    en: 'No brand brief is attached to the campaign.',
    es: 'La campaña no tiene un brief de marca adjunto.',
    sv: 'Ingen varumärkesbrief är kopplad till kampanjen.',
  },
  brand_brief_attached: {
    en: 'A brand brief is attached to the campaign.',
    es: 'La campaña tiene un brief de marca adjunto.',
    sv: 'En varumärkesbrief är kopplad till kampanjen.',
  },
  competitors_none: {
    en: 'The campaign lists no competitors.',
    es: 'La campaña no indica competidores.',
    sv: 'Kampanjen anger inga konkurrenter.',
  },
  competitors_without_terms: {
    en: 'Competitors without handles or keywords: {names}.',
    es: 'Competidores sin cuentas ni palabras clave: {names}.',
    sv: 'Konkurrenter utan konton eller nyckelord: {names}.',
  },
  competitors_complete: {
    en: 'Competitors listed with handles or keywords: {names}.',
    es: 'Competidores listados con cuentas o palabras clave: {names}.',
    sv: 'Konkurrenter listade med konton eller nyckelord: {names}.',
  },
  listening_none: {
    en: 'Listening tracks no competitor.',
    es: 'La escucha no sigue a ningún competidor.',
    sv: 'Bevakningen följer ingen konkurrent.',
  },
  listening_found: {
    en: 'Listening tracks {count} competitor(s): {names}.',
    es: 'La escucha sigue a {count} competidor(es): {names}.',
    sv: 'Bevakningen följer {count} konkurrent(er): {names}.',
  },
  redaction_none: {
    en: 'No redaction policy is set.',
    es: 'No hay ninguna política de ocultación.',
    sv: 'Ingen maskeringspolicy är vald.',
  },
  redaction_found: {
    en: 'Redaction policy: {detail}.',
    es: 'Política de ocultación: {detail}.',
    sv: 'Maskeringspolicy: {detail}.',
  },
  consent_none: {
    en: 'No consent text exists.',
    es: 'No existe texto de consentimiento.',
    sv: 'Det finns ingen samtyckestext.',
  },
  consent_missing_languages: {
    en: 'Consent text is missing in: {languages}.',
    es: 'Falta el texto de consentimiento en: {languages}.',
    sv: 'Samtyckestext saknas på: {languages}.',
  },
  consent_complete: {
    en: 'Consent text exists in {languages}.',
    es: 'Hay texto de consentimiento en {languages}.',
    sv: 'Samtyckestext finns på {languages}.',
  },
  forecast_defaults: {
    en: 'The forecast uses default assumptions (reach {reach} per market, participation {participation}, reply rate {reply}): no figures entered and no past posts.',
    es: 'La previsión usa supuestos por defecto (alcance {reach} por mercado, participación {participation}, respuesta {reply}): no hay cifras introducidas ni publicaciones pasadas.',
    sv: 'Prognosen bygger på standardantaganden (räckvidd {reach} per marknad, deltagande {participation}, svarsandel {reply}): inga siffror angivna och inga tidigare inlägg.',
  },
  forecast_from_campaign: {
    en: 'Forecast from the campaign’s figures: {markets} market(s), about {items} items to answer (p10–p90 {low}–{high}).',
    es: 'Previsión a partir de las cifras de la campaña: {markets} mercado(s), unos {items} elementos que responder (p10–p90 {low}–{high}).',
    sv: 'Prognos från kampanjens siffror: {markets} marknad(er), cirka {items} ärenden att besvara (p10–p90 {low}–{high}).',
  },
  forecast_from_history: {
    en: 'Forecast from {posts} past posts over {hours} hours of “{campaign}”, of which {share} needed an answer.',
    es: 'Previsión a partir de {posts} publicaciones pasadas en {hours} horas de «{campaign}», de las que {share} necesitaban respuesta.',
    sv: 'Prognos från {posts} tidigare inlägg under {hours} timmar av ”{campaign}”, varav {share} behövde svar.',
  },
  crisis_breaks_service_level: {
    en: 'First to break: answer times in {language} at hour {hour} ({value} answered in time).',
    es: 'Lo primero que falla: tiempos de respuesta en {language} en la hora {hour} ({value} respondido a tiempo).',
    sv: 'Brister först: svarstider på {language} timme {hour} ({value} besvarat i tid).',
  },
  crisis_breaks_abandonment: {
    en: 'First to break: abandonment in {language} at hour {hour} ({value} give up waiting).',
    es: 'Lo primero que falla: abandono en {language} en la hora {hour} ({value} deja de esperar).',
    sv: 'Brister först: avhopp på {language} timme {hour} ({value} ger upp).',
  },
  crisis_backlog_never_clears: {
    en: 'First to break: from hour {hour} the backlog never clears ({backlog} items still waiting at the end).',
    es: 'Lo primero que falla: desde la hora {hour} la cola no se despeja ({backlog} elementos esperando al final).',
    sv: 'Brister först: från timme {hour} töms kön aldrig ({backlog} ärenden väntar kvar i slutet).',
  },
  crisis_backlog_slow: {
    en: 'Peak backlog {backlog} items; the longest time to clear is {hoursToClear} h (limit {limit} h).',
    es: 'Cola máxima de {backlog} elementos; el mayor tiempo para despejarla es {hoursToClear} h (límite {limit} h).',
    sv: 'Största kö {backlog} ärenden; längsta tid att tömma den är {hoursToClear} h (gräns {limit} h).',
  },
  crisis_absorbed: {
    en: 'The crisis surge is absorbed: peak backlog {backlog} items, cleared within {hoursToClear} h.',
    es: 'El aumento de la crisis se absorbe: cola máxima de {backlog} elementos, despejada en {hoursToClear} h.',
    sv: 'Krisvågen klaras: största kö {backlog} ärenden, borta inom {hoursToClear} h.',
  },
  crisis_without_team: {
    en: 'No agents with working hours: the surge was simulated against the staffing the plan needs, not a real team.',
    es: 'No hay agentes con horario: el aumento se simuló con la dotación que necesita el plan, no con un equipo real.',
    sv: 'Inga agenter med arbetstider: vågen simulerades mot den bemanning planen behöver, inte mot ett riktigt team.',
  },
  note: {
    en: 'Note: {text}',
    es: 'Nota: {text}',
    sv: 'Anteckning: {text}',
  },
};
