/**
 * The re-derivable call-back sample (plain Java): the committed seed and the stratified draw that anyone holding the revealed seed can repeat.
 */
package com.tanfang.sampling;
