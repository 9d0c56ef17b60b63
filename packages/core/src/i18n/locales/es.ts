import type { Translation } from '../translation.js';
import { plural } from '../plural.js';

const NOT_GIVEN_REASON = {
  IMMUNE: 'Ya tiene inmunidad', MEDPREC: 'Un motivo médico', OSTOCK: 'No había existencias', PATOBJ: 'El paciente no la quiso', PHILISOP: 'Una creencia personal',
  RELIG: 'Una creencia religiosa', VACEFF: 'Dudas sobre su eficacia', VACSAF: 'Dudas sobre su seguridad',
} as const;

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
  viewingRecordOf: (name) => `Está viendo el expediente de ${name}`,
  headingForPatient: (name) => `de ${name}`,
  switchPatient: 'Cambiar de paciente',
  choosePatient: 'Elija de quién es el expediente que desea ver',
  you: 'usted',
  sessionExpired: 'Su sesión ha terminado.',
  signInAgain: 'Volver a iniciar sesión',
  keepWorkingNote: 'Lo que hizo en esta página se conserva.',
  idleHeading: '¿Sigue ahí?',
  idleCountdown: (seconds) => `Se cerrará la sesión en ${seconds} s`,
  staySignedIn: 'Mantener la sesión',
  idleSignedOut: 'Se cerró su sesión porque no hubo actividad en esta página durante un rato. Así su información queda protegida en una computadora compartida.',

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
  errorDiscoveryUnreachable:
    'No pudimos comunicarnos con el servicio de inicio de sesión del hospital. Revise su conexión e intente de nuevo.',
  errorSignInLibrary:
    'No se pudo iniciar sesión porque una parte de esta página no se cargó. Vuelva a cargar la página e intente de nuevo.',
  errorConfigRejected:
    'El inicio de sesión de este portal no está bien configurado, por lo que el servicio de inicio de sesión del hospital no puede aceptarlo. Avise al hospital.',

  errorDownloadRefused: 'Este archivo no se puede descargar aquí por su formato. Pida una copia a su equipo de atención.',
  errorFileType: 'Ese tipo de archivo no se puede enviar. Envíe un PDF o una foto.',
  errorFileTooLarge: (limit) => (limit ? `Ese archivo ocupa más de ${limit}.` : 'Ese archivo es demasiado grande para enviarlo.'),
  errorFileUploadUnsupported: (limit) => (limit ? `El sistema de la clínica acepta aquí archivos de hasta ${limit}. Envíe un archivo más pequeño.` : 'El sistema de la clínica no acepta aquí un archivo tan grande. Envíe un archivo más pequeño.'),
  showMore: 'Mostrar más',
  moreShown: (count) => plural('es', count, { one: 'Se muestra # más', other: 'Se muestran # más' }),
  timeNotGiven: 'Hora no indicada',
  when: 'Cuándo',
  notGivenReason: (reason) => NOT_GIVEN_REASON[reason],
};

export default es;
