/** English texts of the team screen added with role changes (keys start with `teamRoles.`); the reference for es and sv. */
export const teamRolesEn = {
  'teamRoles.lead': 'Who works in this workspace and what each may do. Only owners change the team.',
  'teamRoles.rolesTitle': 'What each role may do',
  'teamRoles.explain.owner':
    'Everything, including the team, API keys and alert channels. A workspace always has at least one owner.',
  'teamRoles.explain.analyst':
    'Edits campaigns; works listening, the crisis room and the inbox; writes and approves shared reply templates and FAQs.',
  'teamRoles.explain.agent':
    'Works the inbox: claims items, replies with approved templates, keeps private saved replies.',
  'teamRoles.explain.advocate_manager':
    'Runs the advocate programme: invites advocates, reviews and approves drafts, edits campaign briefs.',
  'teamRoles.explain.viewer': 'Reads dashboards and reports; changes nothing.',
  'teamRoles.you': '(you)',
  'teamRoles.actions': 'Actions',
  'teamRoles.changeRole': 'Change role of {name}',
  'teamRoles.roleChanged': '{name} is now {role}.',
  'teamRoles.remove': 'Remove {name}',
  'teamRoles.removeConfirm':
    'Remove {name}? They are signed out at once; their replies and audit entries stay.',
  'teamRoles.removeYes': 'Remove',
  'teamRoles.cancel': 'Cancel',
  'teamRoles.removed': '{name} was removed.',
  'teamRoles.lastOwner': 'The workspace needs an owner: make someone else owner first.',
};
export type TeamRolesMessageKey = keyof typeof teamRolesEn;
