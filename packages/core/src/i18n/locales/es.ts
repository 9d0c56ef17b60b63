import type { Translation } from '../translation.js';
import { plural } from '../plural.js';

/** Spanish (neutral Latin American usage, addressing the patient as «usted»). Loaded on first use. */
const es: Translation = {
  $code: 'es',
  $name: 'Español',
  $dir: 'ltr',

  signIn: 'Iniciar sesión',
  signInPrompt: 'Inicie sesión para ver su información de salud.',
  signingIn: 'Iniciando sesión…',
  signOut: 'Cerrar sesión',
  signedInAs: (name) => `Sesión iniciada como ${name}`,
  actingFor: (name) => `Viendo el expediente de ${name}`,
  switchPatient: 'Cambiar de paciente',
  choosePatient: 'Elija de quién es el expediente que desea ver',
  you: 'usted',
  sessionExpired: 'Su sesión ha terminado.',
  signInAgain: 'Volver a iniciar sesión',
  keepWorkingNote: 'Lo que hizo en esta página se conserva.',

  loading: 'Cargando…',
  retry: 'Intentar de nuevo',
  empty: 'Todavía no hay nada que mostrar.',
  close: 'Cerrar',
  resultsCount: (count) =>
    count === 0 ? 'Ningún resultado' : plural('es', count, { one: '# resultado', other: '# resultados' }),

  patient: 'Paciente',
  dateOfBirth: 'Fecha de nacimiento',
  age: (years) => plural('es', years, { one: '# año', other: '# años' }),
  medicalRecordNumber: 'N.º de expediente',

  errorNetwork: 'No pudimos comunicarnos con el servidor. Revise su conexión e intente de nuevo.',
  errorUnauthorized: 'Su sesión ha terminado. Vuelva a iniciar sesión.',
  errorForbidden: 'No tiene acceso a esta información.',
  errorNotFound: 'No encontramos esta información. Es posible que se haya movido o eliminado.',
  errorConflict: 'Otra persona modificó esto al mismo tiempo. Actualice la página e intente de nuevo.',
  errorInvalid: 'El servidor no pudo aceptar esta solicitud. Revise los datos e intente de nuevo.',
  errorTooManyRequests: 'Hay demasiadas solicitudes a la vez. Espere un momento e intente de nuevo.',
  errorUnavailable:
    'El servicio está ocupado o en mantenimiento. Intente de nuevo dentro de unos minutos.',
  errorServer: 'Algo salió mal de nuestro lado. Intente de nuevo más tarde.',
  errorAborted: 'La solicitud se detuvo antes de terminar.',
  errorUnknown: 'Algo salió mal. Intente de nuevo.',

  errorConfigNoServer: 'Este portal no está configurado: no se indicó la dirección del servidor FHIR.',
  errorConfigDiscovery: 'No se encontró el servicio de inicio de sesión del hospital.',
  errorAccessDenied: 'Se canceló el inicio de sesión o no se permitió el acceso.',
  errorStateMismatch:
    'Este enlace de inicio de sesión no es válido o ha caducado. Vuelva a iniciar sesión.',

  bookVisit: 'Programar una cita',
  yourAppointments: 'Sus citas',
  upcoming: 'Próximas',
  past: 'Anteriores',
  visitType: 'Tipo de cita',
  chooseVisitType: '¿Para qué es la cita?',
  clinician: 'Profesional de la salud',
  anyClinician: 'Cualquier profesional (el primero disponible)',
  place: 'Ubicación',
  anyPlace: 'Cualquier ubicación',
  chooseDay: 'Elija un día',
  chooseTime: 'Elija un horario',
  previousMonth: 'Mes anterior',
  nextMonth: 'Mes siguiente',
  openTimes: (count) =>
    count === 0
      ? 'ningún horario disponible'
      : plural('es', count, { one: '# horario disponible', other: '# horarios disponibles' }),
  noOpenTimesThatDay: 'No hay horarios disponibles este día. Elija un día marcado.',
  loadingTimes: 'Buscando horarios disponibles…',
  morning: 'Mañana',
  afternoon: 'Tarde',
  evening: 'Noche',
  minutes: (count) => plural('es', count, { one: '# minuto', other: '# minutos' }),
  timesInZone: (zone) => `Los horarios se muestran en la zona horaria de la clínica: ${zone}.`,
  yourTime: (time) => `${time} en su hora local`,
  noOpenTimes: (until) => `No hay horarios disponibles hasta el ${until}.`,
  nextAvailable: (date) => `El próximo horario disponible es el ${date}.`,
  showNextAvailable: 'Mostrar ese día',
  noTimesAtAll:
    'No hay horarios disponibles en línea para esta opción. Pruebe con otro profesional u otra ubicación, o llame a la clínica.',
  joinWaitlist: 'Inscribirse en la lista de espera',
  waitlistExplained: 'Nos comunicaremos con usted si se libera un horario más pronto.',
  waitlistJoined:
    'Ya está en la lista de espera. La clínica se comunicará con usted cuando se libere un horario.',
  reviewVisit: 'Revise su cita',
  when: 'Cuándo',
  withWhom: 'Con',
  where: 'Dónde',
  reasonForVisit: 'Motivo de la cita (opcional)',
  reasonHint:
    'Unas pocas palabras ayudan a su equipo de atención a prepararse. No use este campo para necesidades urgentes: en caso de emergencia, llame al 911.',
  confirmBooking: 'Confirmar la cita',
  booking: 'Programando la cita…',
  changeTime: 'Cambiar el horario',
  back: 'Volver',
  slotTaken:
    'Lo sentimos, otra persona acaba de reservar ese horario. Elija otro horario; sus demás selecciones se conservan.',
  booked: 'Su cita está programada',
  bookedAnnouncement: (when) => `Su cita está programada para el ${when}.`,
  whatToBring: 'Qué debe traer',
  addToCalendar: 'Agregar al calendario',
  bookAnother: 'Programar otra cita',
  seeAppointments: 'Ver sus citas',
  noUpcoming: 'No tiene próximas citas.',
  noPast: 'No hay citas anteriores para mostrar.',
  loadingAppointments: 'Cargando sus citas…',
  reschedule: 'Reprogramar',
  rescheduling: (when) =>
    `Elija un nuevo horario para su cita del ${when}. La cita se mantiene hasta que se confirme el nuevo horario.`,
  rescheduled: 'Su cita se reprogramó.',
  cancelVisit: 'Cancelar la cita',
  cancelReason: 'Motivo de la cancelación (opcional)',
  confirmCancel: 'Sí, cancelar esta cita',
  keepVisit: 'Conservar esta cita',
  cancelling: 'Cancelando…',
  cancelled: 'Su cita se canceló.',
  cancelCutoff: (hours) =>
    `Las citas se pueden cancelar en línea hasta ${plural('es', hours, { one: '# hora', other: '# horas' })} antes de que comiencen.`,
  callToCancel: (phone) => `Para cancelarla o cambiarla ahora, llame al ${phone}.`,
  statusBooked: 'Programada',
  statusCancelled: 'Cancelada',
  statusWaitlist: 'En lista de espera',
  statusPending: 'Pendiente de confirmación',
  statusOther: 'Otro',
  showMore: 'Mostrar más',
  signInToBook: 'Inicie sesión para programar una cita y consultar sus citas.',
};

export default es;
