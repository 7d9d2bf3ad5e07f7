import type { ReadinessLocale } from '@ombud/core';

/** Every label of the readiness report, in English, Spanish and Swedish. */
export interface ReadinessReportText {
  readonly title: string;
  readonly campaign: string;
  readonly assessedAt: string;
  readonly overallScore: string;
  readonly gate: string;
  readonly gateBlocked: string;
  readonly gateOpen: string;
  readonly failingCritical: string;
  readonly decision: string;
  readonly noDecision: string;
  readonly decisionGo: string;
  readonly decisionNoGo: string;
  readonly signedBy: string;
  readonly reason: string;
  readonly riskRegister: string;
  readonly risk: string;
  readonly level: string;
  readonly score: string;
  readonly failing: string;
  readonly levels: Readonly<Record<'low' | 'medium' | 'high', string>>;
  readonly questionnaire: string;
  readonly question: string;
  readonly status: string;
  readonly evidence: string;
  readonly fix: string;
  readonly weight: string;
  readonly critical: string;
  readonly statuses: Readonly<Record<'pass' | 'partial' | 'fail' | 'not_configured', string>>;
  readonly forecast: string;
  readonly forecastSourceCampaign: string;
  readonly forecastSourceHistory: string;
  readonly forecastDefaults: string;
  readonly itemsPerHour: string;
  readonly hoursSinceLaunch: string;
  readonly language: string;
  readonly expectedItems: string;
  readonly band: string;
  readonly staffing: string;
  readonly agentsNeeded: string;
  readonly agentsOnDuty: string;
  readonly peakAgents: string;
  readonly agentHours: string;
  readonly target: string;
  readonly simulatedServiceLevel: string;
  readonly abandonment: string;
  readonly peakBacklog: string;
  readonly hoursBelowTarget: string;
  readonly longestTimeToClear: string;
  readonly noTeam: string;
  readonly crisis: string;
  readonly crisisSummary: string;
  readonly backlogBaseline: string;
  readonly backlogCrisis: string;
  readonly itemsWaiting: string;
  readonly crisisWindow: string;
  readonly openActions: string;
  readonly noOpenActions: string;
  readonly note: string;
  readonly footer: string;
}

export const READINESS_REPORT_TEXT: Readonly<Record<ReadinessLocale, ReadinessReportText>> = {
  en: {
    title: 'Launch readiness report',
    campaign: 'Campaign',
    assessedAt: 'Assessed at',
    overallScore: 'Readiness score',
    gate: 'Launch gate',
    gateBlocked: 'Blocked: a critical question fails',
    gateOpen: 'Open: every critical question passes',
    failingCritical: 'Failing critical questions',
    decision: 'Go/no-go decision',
    noDecision: 'No decision has been signed yet.',
    decisionGo: 'Go',
    decisionNoGo: 'No go',
    signedBy: 'Signed by',
    reason: 'Reason',
    riskRegister: 'Risk register',
    risk: 'Risk',
    level: 'Level',
    score: 'Score',
    failing: 'Open questions',
    levels: { low: 'Low', medium: 'Medium', high: 'High' },
    questionnaire: 'Questionnaire and evidence',
    question: 'Question',
    status: 'Answer',
    evidence: 'Evidence',
    fix: 'Fix',
    weight: 'Weight',
    critical: 'Critical',
    statuses: { pass: 'Yes', partial: 'Partly', fail: 'No', not_configured: 'Not configured' },
    forecast: 'Volume forecast',
    forecastSourceCampaign:
      'Derived from the campaign’s audience, participation and reply rates, by market time zone.',
    forecastSourceHistory: 'Shaped on past posts in the store, scaled to this campaign.',
    forecastDefaults: 'Default assumptions: enter this campaign’s own figures.',
    itemsPerHour: 'Items per hour',
    hoursSinceLaunch: 'Hours since launch',
    language: 'Language',
    expectedItems: 'Expected items (p50)',
    band: '80 % band (p10–p90)',
    staffing: 'Staffing',
    agentsNeeded: 'Agents needed (Erlang C)',
    agentsOnDuty: 'Agents on duty',
    peakAgents: 'Peak agents per language',
    agentHours: 'Agent-hours',
    target: 'Target',
    simulatedServiceLevel: 'Simulated service level',
    abandonment: 'Abandonment',
    peakBacklog: 'Peak backlog',
    hoursBelowTarget: 'Hours below target',
    longestTimeToClear: 'Longest time to clear a backlog',
    noTeam: 'No agents with working hours: the simulation uses the staffing the plan needs.',
    crisis: 'Crisis scenario',
    crisisSummary: 'Negative volume ×{multiplier} for {hours} h from hour {start} (negative share {share}).',
    backlogBaseline: 'Backlog, normal',
    backlogCrisis: 'Backlog, crisis',
    itemsWaiting: 'Items waiting',
    crisisWindow: 'Crisis window',
    openActions: 'Open actions',
    noOpenActions: 'Nothing open: every question passes.',
    note: 'Note',
    footer: 'Produced by Ombud. Figures are forecasts with uncertainty, not promises.',
  },
  es: {
    title: 'Informe de preparación para el lanzamiento',
    campaign: 'Campaña',
    assessedAt: 'Evaluado el',
    overallScore: 'Puntuación de preparación',
    gate: 'Control de lanzamiento',
    gateBlocked: 'Bloqueado: falla una pregunta crítica',
    gateOpen: 'Abierto: todas las preguntas críticas se cumplen',
    failingCritical: 'Preguntas críticas que fallan',
    decision: 'Decisión de lanzar o no',
    noDecision: 'Todavía no se ha firmado ninguna decisión.',
    decisionGo: 'Lanzar',
    decisionNoGo: 'No lanzar',
    signedBy: 'Firmado por',
    reason: 'Motivo',
    riskRegister: 'Registro de riesgos',
    risk: 'Riesgo',
    level: 'Nivel',
    score: 'Puntuación',
    failing: 'Preguntas abiertas',
    levels: { low: 'Bajo', medium: 'Medio', high: 'Alto' },
    questionnaire: 'Cuestionario y evidencias',
    question: 'Pregunta',
    status: 'Respuesta',
    evidence: 'Evidencia',
    fix: 'Solución',
    weight: 'Peso',
    critical: 'Crítica',
    statuses: { pass: 'Sí', partial: 'En parte', fail: 'No', not_configured: 'No configurado' },
    forecast: 'Previsión de volumen',
    forecastSourceCampaign:
      'Calculada a partir del alcance, la participación y la tasa de respuesta de la campaña, según la zona horaria de cada mercado.',
    forecastSourceHistory: 'Basada en publicaciones pasadas del almacén, escalada a esta campaña.',
    forecastDefaults: 'Supuestos por defecto: introduce las cifras propias de esta campaña.',
    itemsPerHour: 'Elementos por hora',
    hoursSinceLaunch: 'Horas desde el lanzamiento',
    language: 'Idioma',
    expectedItems: 'Elementos previstos (p50)',
    band: 'Banda del 80 % (p10–p90)',
    staffing: 'Dotación de personal',
    agentsNeeded: 'Agentes necesarios (Erlang C)',
    agentsOnDuty: 'Agentes de turno',
    peakAgents: 'Máximo de agentes por idioma',
    agentHours: 'Horas-agente',
    target: 'Objetivo',
    simulatedServiceLevel: 'Nivel de servicio simulado',
    abandonment: 'Abandono',
    peakBacklog: 'Cola máxima',
    hoursBelowTarget: 'Horas bajo el objetivo',
    longestTimeToClear: 'Mayor tiempo para despejar la cola',
    noTeam: 'No hay agentes con horario: la simulación usa la dotación que necesita el plan.',
    crisis: 'Escenario de crisis',
    crisisSummary:
      'Volumen negativo ×{multiplier} durante {hours} h desde la hora {start} (proporción negativa {share}).',
    backlogBaseline: 'Cola, normal',
    backlogCrisis: 'Cola, crisis',
    itemsWaiting: 'Elementos en espera',
    crisisWindow: 'Ventana de crisis',
    openActions: 'Acciones pendientes',
    noOpenActions: 'Nada pendiente: todas las preguntas se cumplen.',
    note: 'Nota',
    footer: 'Generado por Ombud. Las cifras son previsiones con incertidumbre, no promesas.',
  },
  sv: {
    title: 'Rapport om lanseringsberedskap',
    campaign: 'Kampanj',
    assessedAt: 'Bedömd',
    overallScore: 'Beredskapspoäng',
    gate: 'Lanseringsspärr',
    gateBlocked: 'Spärrad: en kritisk fråga uppfylls inte',
    gateOpen: 'Öppen: alla kritiska frågor uppfylls',
    failingCritical: 'Kritiska frågor som inte uppfylls',
    decision: 'Beslut om lansering',
    noDecision: 'Inget beslut har undertecknats ännu.',
    decisionGo: 'Lansera',
    decisionNoGo: 'Lansera inte',
    signedBy: 'Undertecknat av',
    reason: 'Motivering',
    riskRegister: 'Riskregister',
    risk: 'Risk',
    level: 'Nivå',
    score: 'Poäng',
    failing: 'Öppna frågor',
    levels: { low: 'Låg', medium: 'Medel', high: 'Hög' },
    questionnaire: 'Frågeformulär och underlag',
    question: 'Fråga',
    status: 'Svar',
    evidence: 'Underlag',
    fix: 'Åtgärd',
    weight: 'Vikt',
    critical: 'Kritisk',
    statuses: { pass: 'Ja', partial: 'Delvis', fail: 'Nej', not_configured: 'Inte konfigurerad' },
    forecast: 'Volymprognos',
    forecastSourceCampaign:
      'Beräknad från kampanjens räckvidd, deltagande och svarsandel, efter varje marknads tidszon.',
    forecastSourceHistory: 'Formad efter tidigare inlägg i databasen, skalad till den här kampanjen.',
    forecastDefaults: 'Standardantaganden: ange kampanjens egna siffror.',
    itemsPerHour: 'Ärenden per timme',
    hoursSinceLaunch: 'Timmar sedan lansering',
    language: 'Språk',
    expectedItems: 'Väntade ärenden (p50)',
    band: '80 %-intervall (p10–p90)',
    staffing: 'Bemanning',
    agentsNeeded: 'Agenter som behövs (Erlang C)',
    agentsOnDuty: 'Agenter i tjänst',
    peakAgents: 'Flest agenter per språk',
    agentHours: 'Agenttimmar',
    target: 'Mål',
    simulatedServiceLevel: 'Simulerad servicenivå',
    abandonment: 'Avhopp',
    peakBacklog: 'Största kö',
    hoursBelowTarget: 'Timmar under målet',
    longestTimeToClear: 'Längsta tid att tömma kön',
    noTeam: 'Inga agenter med arbetstider: simuleringen använder den bemanning planen behöver.',
    crisis: 'Krisscenario',
    crisisSummary: 'Negativ volym ×{multiplier} i {hours} h från timme {start} (negativ andel {share}).',
    backlogBaseline: 'Kö, normalt',
    backlogCrisis: 'Kö, kris',
    itemsWaiting: 'Väntande ärenden',
    crisisWindow: 'Krisfönster',
    openActions: 'Öppna åtgärder',
    noOpenActions: 'Inget öppet: alla frågor uppfylls.',
    note: 'Anteckning',
    footer: 'Framtagen av Ombud. Siffrorna är prognoser med osäkerhet, inte löften.',
  },
};
