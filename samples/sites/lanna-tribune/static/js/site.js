document.addEventListener('click',function(e){if(e.target.matches('#cookie-banner button')){document.getElementById('cookie-banner').style.display='none';}});
