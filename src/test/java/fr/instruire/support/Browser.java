package fr.instruire.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for tests: Debian's headless Chromium driven by its ChromeDriver (both installed by .ci/run;
 * nothing is downloaded). Downloads land in a folder of the test's own.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final Path downloads;
    private final String baseUrl;

    public Browser(String baseUrl) {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("Les tests navigateur demandent Chromium et ChromeDriver de Debian : "
                    + "apt-get install -y chromium chromium-driver (.ci/run le fait)");
        }
        this.baseUrl = baseUrl;
        try {
            downloads = Files.createTempDirectory("instruire-downloads");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1400,1000", "--lang=fr-FR");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "intl.accept_languages", "fr-FR,fr"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    public WebDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    public WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void awaitClickable(By by) {
        click(new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(by)));
    }

    /** Scrolls the element to the middle of the window first: Tasklist's fixed footer would take a click at the bottom. */
    public void click(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /** Waits for a condition; an element replaced meanwhile (the page reloaded after a form) is looked up again. */
    public void until(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** Signs into the Camunda webapps (Tasklist) as a user whose password is its name, as the demo does. */
    public void signInToTasklist(String user, String password) {
        open("/camunda/app/tasklist/default/");
        await(By.cssSelector("input[ng-model='username']")).sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        await(By.cssSelector(".tasks-list"));
    }

    /** Signs into Cockpit as a user whose password is its name, and waits until the login form is gone. */
    public void signInToCockpit(String user, String password) {
        open("/camunda/app/cockpit/default/");
        await(By.cssSelector("input[ng-model='username']")).sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        until(d -> d.findElements(By.cssSelector("input[ng-model='username']")).isEmpty());
    }

    public Path screenshot(String name) {
        try {
            var dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            var file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
