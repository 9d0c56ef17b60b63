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
};

export default es;
