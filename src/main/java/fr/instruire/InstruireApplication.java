package fr.instruire;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class InstruireApplication {

    public static void main(String[] args) {
        SpringApplication.run(InstruireApplication.class, args);
    }
}
