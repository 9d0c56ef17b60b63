import type { HealthRemindersTerms } from './terms.js';

const GROUP = { overdue: 'Atrasado', due: 'Pronto', coming: 'Próximamente' } as const;
const KIND = { vaccine: 'Vacuna', plan: 'Plan de cuidado', order: 'Indicado por su equipo de atención', visit: 'Consulta' } as const;
const UNNAMED = { vaccine: 'Una vacuna', plan: 'Un control de su plan de cuidado', order: 'Una prueba o un procedimiento', visit: 'Una consulta' } as const;
const UNIT = { d: ['día', 'días'], wk: ['semana', 'semanas'], mo: ['mes', 'meses'], a: ['año', 'años'], h: ['hora', 'horas'], min: ['minuto', 'minutos'], s: ['segundo', 'segundos'] } as const;

const es: HealthRemindersTerms = {
  remindersHeading: 'Recordatorios',
  loadingReminders: 'Cargando sus recordatorios…',
  signInToSeeReminders: 'Inicie sesión para ver lo que le toca: vacunas, exámenes de detección, pruebas y próximas consultas.',
  reminderGroup: (timing, count) => `${GROUP[timing]} (${count})`,
  reminderKind: (kind) => KIND[kind],
  unnamedReminder: (kind) => UNNAMED[kind],
  reminderWhen: (timing, due, from) =>
    timing === 'overdue'
      ? due ? `Atrasado desde el ${due}` : 'Atrasado'
      : from && due ? `Le toca entre el ${from} y el ${due}` : from ? `Le toca a partir del ${from}` : due ? `Le toca antes del ${due}` : 'Le toca ahora',
  repeatEvery: (count, unit) => (count === 1 ? `Cada ${UNIT[unit][0]}` : `Cada ${count} ${UNIT[unit][1]}`),
  nextAround: (date) => `El próximo hacia el ${date}`,
  lastDueAround: (date) => `Le tocaba hacia el ${date}`,
  reminderDose: (dose, series) => [dose ? `Dosis ${dose}` : '', series ? `${dose ? 'de la serie: ' : ''}${series}` : ''].filter(Boolean).join(' '),
  recommendedBy: 'Recomendado por',
  partOfPlan: 'Parte de',
  reminderOrderedBy: 'Indicado por',
  orderedOn: 'Indicado el',
  visitWith: 'Con',
  visitWhere: 'Dónde',
  beforeYouGo: 'Antes de ir',
  bookReminder: 'Pedir cita',
  bookReason: (kind, name) => (kind === 'vaccine' ? `Vacuna: ${name}` : name),
  bookReminderNamed: (name) => `Pedir cita: ${name}`,
  reminderAddToCalendar: 'Añadir al calendario',
  reminderAddToCalendarNamed: (name) => `Añadir al calendario: ${name}`,
  seeOrChangeVisit: 'Ver o cambiar',
  hadElsewhere: 'Ya lo hice en otro lugar',
  hadElsewhereNamed: (name) => `Ya lo hice en otro lugar: ${name}`,
  elsewhereSubject: (name) => `Ya lo hice en otro lugar: ${name}`,
  elsewhereText: (name) => `Ya recibí ${name} en otra clínica o farmacia.\nFecha: \nDónde: `,
  howToBook: 'Cómo pedir cita',
  nothingDue: 'No le toca nada por ahora',
  nothingDueMessage: 'Está al día. Las vacunas, los exámenes y las consultas que planifique su equipo de atención aparecerán aquí cuando le toquen.',
  someRemindersMissing: 'No se pudieron leer algunos recordatorios, así que esta lista puede estar incompleta.',
};

export default es;
