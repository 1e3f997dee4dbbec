package fr.instruire.dashboard;

import java.util.Set;

import jakarta.ws.rs.Path;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Registers Instruire's plugin with Cockpit (listed in {@code META-INF/services}): Cockpit loads its script,
 * {@code plugin-webapp/instruire/app/plugin.js}, which {@link Assets} serves at
 * {@code /camunda/api/cockpit/plugin/instruire/static/app/plugin.js}. The figures come from {@link DashboardController},
 * not from a resource of the plugin: one rule of who sees what, the project's.
 */
public class InstruireCockpitPlugin extends AbstractCockpitPlugin {

    public static final String ID = "instruire";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(Assets.class);
    }

    /** The plugin's static files, as Cockpit asks for them (its root resource serves nothing else). */
    @Path("plugin/" + ID)
    public static class Assets extends AbstractCockpitPluginRootResource {

        public Assets() {
            super(ID);
        }
    }
}
