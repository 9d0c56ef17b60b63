import { FhirRouter } from '@medplum/fhir-router';

/**
 * Medplum's router without the routes the FHIR service never offers to a patient token, so no path
 * (direct or inside a Bundle) can reach them: `$graphql`, searches across types, and conditional
 * update, patch and delete by search.
 */
export function patientFacingRouter(): FhirRouter {
  const router = new FhirRouter();
  const withheld = new Set(['POST $graphql', 'GET ', 'PUT :resourceType', 'PATCH :resourceType', 'DELETE :resourceType']);
  const routes = router.router.routes;
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]!;
    const path = route.path.map((p) => (p.param ? `:${p.value}` : p.value)).join('/');
    if (withheld.has(`${route.method} ${path}`)) routes.splice(i, 1);
  }
  return router;
}
