/** The Vaadin web application (the bootable Spring Boot app). Built in the web-app issue. */
package dev.netwright.frontend;
