// The demo site's only script: register the Portico elements.
import 'portico';
