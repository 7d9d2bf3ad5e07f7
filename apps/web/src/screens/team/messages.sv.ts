import type { TeamRolesMessageKey } from './messages.en.ts';

export const teamRolesSv: Record<TeamRolesMessageKey, string> = {
  'teamRoles.lead': 'Vilka som arbetar i arbetsytan och vad var och en får göra. Bara ägare ändrar teamet.',
  'teamRoles.rolesTitle': 'Vad varje roll får göra',
  'teamRoles.explain.owner':
    'Allt, även teamet, API-nycklar och larmkanaler. En arbetsyta har alltid minst en ägare.',
  'teamRoles.explain.analyst':
    'Redigerar kampanjer; arbetar med omvärldsbevakning, krisrum och inkorg; skriver och godkänner delade svarsmallar och vanliga frågor.',
  'teamRoles.explain.agent':
    'Arbetar i inkorgen: tar ärenden, svarar med godkända mallar, sparar privata svar.',
  'teamRoles.explain.advocate_manager':
    'Driver ambassadörsprogrammet: bjuder in, granskar och godkänner utkast, redigerar kampanjbriefer.',
  'teamRoles.explain.viewer': 'Läser översikter och rapporter; ändrar ingenting.',
  'teamRoles.you': '(du)',
  'teamRoles.actions': 'Åtgärder',
  'teamRoles.changeRole': 'Byt roll för {name}',
  'teamRoles.roleChanged': '{name} är nu {role}.',
  'teamRoles.remove': 'Ta bort {name}',
  'teamRoles.removeConfirm':
    'Ta bort {name}? Personen loggas ut direkt; hens svar och loggposter finns kvar.',
  'teamRoles.removeYes': 'Ta bort',
  'teamRoles.cancel': 'Avbryt',
  'teamRoles.removed': '{name} är borttagen.',
  'teamRoles.lastOwner': 'Arbetsytan behöver en ägare: gör någon annan till ägare först.',
};
