document.getElementById('app')!.textContent = 'Panier Solidaire — admin';
