/**
 * The models as the engine holds them: what a start deploys from the repository ({@code bpmn/}, {@code dmn/},
 * {@code forms/}) and the versions a process owner deployed from Camunda Modeler, which a start never silently
 * replaces ({@link fr.instruire.models.ModelerVersionGuard}, README « Bringing a Modeler change back into the
 * repository », docs/modeler-changes.md).
 */
package fr.instruire.models;
