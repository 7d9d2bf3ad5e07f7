import type { TeamRolesMessageKey } from './messages.en.ts';

export const teamRolesEs: Record<TeamRolesMessageKey, string> = {
  'teamRoles.lead':
    'Quién trabaja en este espacio y qué puede hacer cada uno. Solo los propietarios cambian el equipo.',
  'teamRoles.rolesTitle': 'Qué puede hacer cada rol',
  'teamRoles.explain.owner':
    'Todo, incluidos el equipo, las claves de API y los canales de alerta. Un espacio siempre tiene al menos un propietario.',
  'teamRoles.explain.analyst':
    'Edita campañas; trabaja la escucha, la sala de crisis y la bandeja; escribe y aprueba plantillas y preguntas frecuentes compartidas.',
  'teamRoles.explain.agent':
    'Trabaja la bandeja: asume elementos, responde con plantillas aprobadas, guarda respuestas privadas.',
  'teamRoles.explain.advocate_manager':
    'Dirige el programa de embajadores: invita, revisa y aprueba borradores, edita los briefings.',
  'teamRoles.explain.viewer': 'Lee paneles e informes; no cambia nada.',
  'teamRoles.you': '(tú)',
  'teamRoles.actions': 'Acciones',
  'teamRoles.changeRole': 'Cambiar el rol de {name}',
  'teamRoles.roleChanged': '{name} ahora es {role}.',
  'teamRoles.remove': 'Quitar a {name}',
  'teamRoles.removeConfirm':
    '¿Quitar a {name}? Se cierra su sesión al instante; sus respuestas y entradas de auditoría se conservan.',
  'teamRoles.removeYes': 'Quitar',
  'teamRoles.cancel': 'Cancelar',
  'teamRoles.removed': '{name} se ha quitado.',
  'teamRoles.lastOwner': 'El espacio necesita un propietario: haz propietario a otra persona primero.',
};
