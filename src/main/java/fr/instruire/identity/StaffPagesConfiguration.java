package fr.instruire.identity;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link StaffPageGuard} in front of every Spring MVC handler; it acts on {@link StaffPage} controllers only. */
@Configuration(proxyBeanMethods = false)
class StaffPagesConfiguration implements WebMvcConfigurer {

    private final StaffPageGuard guard;

    StaffPagesConfiguration(StaffPageGuard guard) {
        this.guard = guard;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(guard);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(guard);
    }
}
